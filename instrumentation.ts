// Runs once when the server starts (Next.js calls it for every runtime; the work is Node.js only).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./instrumentation-node');
}
