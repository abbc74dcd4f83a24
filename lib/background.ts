// Background loops of the web process. Each failure is logged and the loop goes on.
import { deliverDueMail } from "@/lib/mail/send";

let started = false;

export async function startBackgroundWork() {
  if (started) return;
  started = true;
  const timer = setInterval(() => {
    deliverDueMail().catch((error: Error) => console.error(`Mail retry failed: ${error.message}`));
  }, 15_000);
  timer.unref();
}
