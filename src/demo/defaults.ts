/** The demo's knobs, apart from the demo itself so the CLI can show them without loading it. */
export const DEFAULT_DEMO_RESIDENTS = 800_000;
export const DEFAULT_DEMO_SEED = 20210809;
