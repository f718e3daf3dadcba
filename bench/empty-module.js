// Stands in for csat-survey when bench/app-sizes.mjs builds an example app without it.
export {};
