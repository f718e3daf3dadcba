// The custom-elements manifest (dist/custom-elements.json), generated from src/csat-survey.ts by
// `npm run build`: the class's JSDoc gives the events, parts, CSS custom properties and the lang/dir
// attributes; its static properties and field comments give the attributes and properties.
// The plugin keeps the public surface only, and points at the published entry point.

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
        // Internal reactive state (lit `state: true`) is not an attribute.
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
  litelement: true,
  plugins: [publicSurfaceOnly],
};
