// The custom-elements manifest (dist/custom-elements.json), generated from src/csat-survey.ts by
// `npm run build`: the class's JSDoc gives the events, parts and CSS custom properties; the table of
// inputs (src/inputs.ts, src/inputs.docs.ts) gives the attributes and properties. The plugins keep the public surface only,
// and point at the published entry point.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** A module of src/ that imports types only, run as it is. */
const typesOnlyModule = (file) =>
  import(
    `data:text/javascript;base64,${Buffer.from(
      ts.transpileModule(readFileSync(new URL(`./src/${file}`, import.meta.url), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText,
    ).toString('base64')}`
  );
/** The table of inputs, and what each does. */
const { INPUTS } = await typesOnlyModule('inputs.ts');
const { INPUT_DOCS } = await typesOnlyModule('inputs.docs.ts');

/** The type of an input as the manifest writes it. */
const TYPE_TEXT = { Metadata: 'Record<string, string | number | boolean>', Headers: 'Record<string, string>' };
const typeOf = (input) => {
  const text = input.values ? input.values.map((v) => `'${v}'`).join(' | ') : (TYPE_TEXT[input.type] ?? input.type);
  return { text: 'default' in input || input.attribute === 'native' ? text : `${text} | undefined` };
};
const defaultOf = (input) => ('default' in input ? { default: JSON.stringify(input.default).replace(/"/g, "'") } : {});

/** The attributes and the properties, from the table of inputs. */
const inputsTable = {
  name: 'csat-inputs-table',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      for (const declaration of module.declarations ?? []) {
        if (declaration.kind !== 'class') continue;
        const names = new Set(INPUTS.map((input) => input.name));
        const methods = (declaration.members ?? []).filter((m) => !names.has(m.name) && m.kind === 'method');
        const fields = INPUTS.filter((input) => input.attribute !== 'native').map((input) => ({
          kind: 'field',
          name: input.name,
          privacy: 'public',
          type: typeOf(input),
          description: INPUT_DOCS[input.name],
          ...defaultOf(input),
          ...(input.attribute && { attribute: input.attribute }),
        }));
        const statics = methods.filter((m) => m.static);
        declaration.members = [...statics, ...fields, ...methods.filter((m) => !m.static)];
        declaration.attributes = INPUTS.filter((input) => input.attribute).map((input) => ({
          name: input.attribute === 'native' ? input.name : input.attribute,
          type: typeOf(input),
          description: INPUT_DOCS[input.name],
          ...defaultOf(input),
          ...(input.attribute !== 'native' && { fieldName: input.name }),
        }));
      }
    }
  },
};

/** Keeps what a user of the element can touch: public fields and methods, real attributes, named events. */
const publicSurfaceOnly = {
  name: 'csat-public-surface-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const module of customElementsManifest.modules) {
      module.path = 'dist/index.js';
      for (const declaration of module.declarations ?? []) {
        if (declaration.kind !== 'class') continue;
        const isPublic = (member) => !member.privacy || member.privacy === 'public';
        const hidden = new Set((declaration.members ?? []).filter((m) => !isPublic(m)).map((m) => m.name));
        declaration.members = (declaration.members ?? []).filter(isPublic);
        declaration.attributes = (declaration.attributes ?? []).filter((a) => !hidden.has(a.fieldName));
        // Events come from the @fires tags (each with its description); the analyzer's guesses from
        // `dispatchEvent(new CsatAnswerEvent(response))` name an event after the argument.
        declaration.events = (declaration.events ?? []).filter((e) => e.name && e.description);
        declaration.slots = declaration.slots ?? [];
        for (const member of declaration.members) {
          if (member.kind === 'field') {
            member.attribute = declaration.attributes.find((a) => a.fieldName === member.name)?.name;
            if (member.attribute === undefined) delete member.attribute;
          }
        }
      }
      module.exports = [
        { kind: 'js', name: 'CsatSurveyElement', declaration: { name: 'CsatSurveyElement', module: 'dist/index.js' } },
        {
          kind: 'custom-element-definition',
          name: 'csat-survey',
          declaration: { name: 'CsatSurveyElement', module: 'dist/index.js' },
        },
      ];
    }
  },
};

export default {
  globs: ['src/csat-survey.ts'],
  outdir: 'dist',
  plugins: [inputsTable, publicSurfaceOnly],
};
