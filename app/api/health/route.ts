// Liveness and readiness for load balancers and the test runner: answers 200 when the
// database answers. Public on purpose; it reveals nothing.
import { NextResponse } from "next/server";
import { pingDatabase } from "@/lib/data/health";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await pingDatabase();
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false }, { status: 503 });
  }
}
