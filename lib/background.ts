// Background loops of the web process. Each failure is logged and the loop goes on.
import { testClockEnabled } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { deliverDueMail } from "@/lib/mail/send";

let started = false;

export async function startBackgroundWork() {
  if (started) return;
  started = true;
  if (testClockEnabled()) console.warn("[clock] GATEKEEPER_TEST_CLOCK_FILE is set: the clock can be moved by a file. Tests only; never in production.");
  const timer = setInterval(() => {
    deliverDueMail().catch((error: Error) => console.error(`Mail retry failed: ${error.message}`));
  }, 15_000);
  timer.unref();
  if (getEnv().RUN_WORKER === "true") {
    // Imported here so a web process with RUN_WORKER=false never loads the worker.
    const { startSyncWorker } = await import("@/lib/sync");
    // A worker that cannot start (database briefly away) must not stop the web process: it
    // tries again every 30 s.
    const start = () =>
      startSyncWorker().then(
        () => console.log("[sync] worker started in the web process (RUN_WORKER=true)"),
        (error: Error) => {
          console.error(`[sync] the worker did not start, trying again in 30 s: ${error.message}`);
          setTimeout(start, 30_000).unref();
        },
      );
    void start();
  }
}
