// The simulator with every exchange judged against the OpenAPI subset as it happens. Tests use
// it instead of the bare simulator and assert `violations` is empty at the end, so any drift of
// an answer (or of a request the adapter sends) fails the test that caused it.
import { createOktaSpecValidator, type OktaSpecValidator } from "./openapi";
import { startOktaSimulator, type OktaExchange, type OktaSimulator, type OktaSimulatorOptions } from "./server";

export type SpecCheckedOktaSimulator = OktaSimulator & { exchanges: OktaExchange[]; violations: string[] };

let shared: OktaSpecValidator | undefined;

/** `checkRequests: false` for tests that send off-spec requests on purpose (bad headers, limits). */
export async function startSpecCheckedOktaSimulator(options: OktaSimulatorOptions & { checkRequests?: boolean } = {}): Promise<SpecCheckedOktaSimulator> {
  shared ??= createOktaSpecValidator();
  const validator = shared;
  const exchanges: OktaExchange[] = [];
  const violations: string[] = [];
  const sim = await startOktaSimulator({
    ...options,
    onExchange(exchange) {
      exchanges.push(exchange);
      const offSpec = exchange.fault === "malformed" || exchange.fault === "html";
      try {
        violations.push(...(options.checkRequests === false ? (offSpec ? [] : validator.validateResponse(exchange)) : validator.validateExchange(exchange)));
      } catch (error) {
        // A schema ajv cannot compile must fail the test, not vanish inside the server's handler.
        violations.push(`${exchange.method} ${exchange.path}: the validator failed: ${String(error)}`);
      }
      options.onExchange?.(exchange);
    },
  });
  return Object.assign(sim, { exchanges, violations });
}
