// SMTP through nodemailer when SMTP_URL is set; otherwise there is no transport and messages
// stay in the outbox (Admin > Email outbox), so the embedded default needs no mail server.
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "@/lib/env";

let cached: Transporter | null | undefined;

export function getTransport(): Transporter | null {
  if (cached !== undefined) return cached;
  const url = getEnv().SMTP_URL;
  cached = url ? nodemailer.createTransport(url) : null;
  return cached;
}
