// The simulator with every exchange judged against the OpenAPI subset as it happens. Tests
// use it instead of the bare simulator and assert `violations` is empty at the end, so any
// drift of a response (or of a request the adapter sends) fails the test that caused it.
import { createCloudflareSpecValidator, type CloudflareSpecValidator } from "./openapi";
import { startCloudflareSimulator, type CloudflareExchange, type CloudflareSimulator, type CloudflareSimulatorOptions } from "./server";

export type SpecCheckedSimulator = CloudflareSimulator & {
  exchanges: CloudflareExchange[];
  violations: string[];
};

let shared: CloudflareSpecValidator | undefined;

/** `checkRequests: false` for tests that send off-spec requests on purpose (bad headers). */
export async function startSpecCheckedSimulator(
  options: CloudflareSimulatorOptions & { checkRequests?: boolean } = {},
): Promise<SpecCheckedSimulator> {
  shared ??= createCloudflareSpecValidator();
  const validator = shared;
  const exchanges: CloudflareExchange[] = [];
  const violations: string[] = [];
  const sim = await startCloudflareSimulator({
    ...options,
    onExchange(exchange) {
      exchanges.push(exchange);
      const problems =
        options.checkRequests === false
          ? exchange.fault === "malformed-json"
            ? []
            : validator.validateResponse(exchange)
          : validator.validateExchange(exchange);
      violations.push(...problems);
      options.onExchange?.(exchange);
    },
  });
  return Object.assign(sim, { exchanges, violations });
}
