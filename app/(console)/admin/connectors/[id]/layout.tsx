import type { ReactNode } from "react";
import { Providers } from "@/components/providers";

// The connector page polls its live status with TanStack Query; only its pages load it, so the
// rest of the console's first load does not carry it (npm run bench:bundle).
export default function ConnectorLayout({ children }: { children: ReactNode }) {
  return <Providers>{children}</Providers>;
}
