// A plain Svelte 5 project (no SvelteKit): svelte-check reads this instead of the repository's vite.config.ts.
export default {};
