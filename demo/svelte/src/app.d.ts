// SvelteKit's app-wide types (none needed here).
export {};
