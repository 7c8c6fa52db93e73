// Next.js guards server modules with `server-only`; in tests they run in plain Node.
export {};
