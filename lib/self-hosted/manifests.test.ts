// The generated Kubernetes manifests, parsed back: valid YAML, no duplicate keys (the public
// Cloudflare sample repeats BATON_ACCOUNT_ID), every stringData value a string, the labels the
// seeds name, placeholders instead of secret values, BATON_PROVISIONING only when it is on.
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { CLIENT_ID_PLACEHOLDER, CLIENT_SECRET_PLACEHOLDER, generateDeploymentManifest, generateManifestVariants, generateSecretManifest, RUNNER_IMAGE, type ManifestInput } from "./manifests";
import { isPlaceholder } from "./providers";

type Secret = { apiVersion: string; kind: string; metadata: { name: string }; type: string; stringData: Record<string, unknown> };
type Deployment = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels: Record<string, unknown> };
  spec: {
    selector: { matchLabels: Record<string, unknown> };
    template: { metadata: { labels: Record<string, unknown> }; spec: { containers: { name: string; image: string; args: string[]; envFrom: { secretRef: { name: string } }[] }[] } };
  };
};

function parseStrict<T>(content: string): T {
  const doc = parseDocument(content, { uniqueKeys: true, prettyErrors: true });
  expect(doc.errors).toEqual([]);
  expect(doc.warnings).toEqual([]);
  return doc.toJS() as T;
}

const base: ManifestInput = { provider: "cloudflare", appName: "Cloudflare prod", clientId: "bc_0123456789abcdef01234567", provisioning: false, appUrl: "https://gatekeeper.example.com" };

const cases: [string, ManifestInput, string[]][] = [
  ["Temporal Cloud", { ...base, provider: "temporal-cloud" }, ["BATON_API_KEY"]],
  ["Cloudflare, API token", { ...base, credentialSet: "api-token" }, ["BATON_ACCOUNT_ID", "BATON_API_TOKEN"]],
  ["Cloudflare, Email + API key", { ...base, credentialSet: "email-api-key" }, ["BATON_ACCOUNT_ID", "BATON_API_KEY", "BATON_EMAIL_ID"]],
];

describe("the strict parse", () => {
  it("catches what the public Cloudflare sample gets wrong: a repeated key", () => {
    const sample = "stringData:\n  BATON_ACCOUNT_ID: a\n  BATON_API_TOKEN: b\n  BATON_ACCOUNT_ID: a\n  BATON_PROVISIONING: true\n";
    expect(parseDocument(sample, { uniqueKeys: true }).errors.map((e) => e.code)).toContain("DUPLICATE_KEY");
  });
});

describe("baton-<app>-secrets.yaml", () => {
  it.each(cases)("%s: a Secret with the client credentials and the provider's variables as placeholders", (_label, input, variables) => {
    for (const provisioning of [false, true]) {
      const file = generateSecretManifest({ ...input, provisioning });
      const slug = input.provider === "temporal-cloud" ? "temporalcloud" : "cloudflare";
      expect(file.name).toBe(`baton-${slug}-secrets.yaml`);
      const secret = parseStrict<Secret>(file.content);
      expect(secret).toMatchObject({ apiVersion: "v1", kind: "Secret", metadata: { name: `baton-${slug}-secrets` }, type: "Opaque" });
      const expected = ["BATON_CLIENT_ID", "BATON_CLIENT_SECRET", ...variables, ...(provisioning ? ["BATON_PROVISIONING"] : [])];
      expect(Object.keys(secret.stringData)).toEqual(expected);
      for (const value of Object.values(secret.stringData)) expect(typeof value).toBe("string");
      expect(secret.stringData.BATON_CLIENT_ID).toBe(input.clientId);
      expect(secret.stringData.BATON_CLIENT_SECRET).toBe(CLIENT_SECRET_PLACEHOLDER);
      for (const name of variables) expect(isPlaceholder(String(secret.stringData[name]))).toBe(true);
      if (provisioning) {
        expect(secret.stringData.BATON_PROVISIONING).toBe("true");
        expect(file.content).toContain('BATON_PROVISIONING: "true"');
      }
    }
  });

  it("uses a placeholder for the client ID before the first Rotate, and never holds a secret value", () => {
    const secret = parseStrict<Secret>(generateSecretManifest({ ...base, clientId: null }).content);
    expect(secret.stringData.BATON_CLIENT_ID).toBe(CLIENT_ID_PLACEHOLDER);
    for (const [name, value] of Object.entries(secret.stringData)) if (name !== "BATON_PROVISIONING") expect(isPlaceholder(String(value))).toBe(true);
  });

  it("keeps an awkward app name inside its comment", () => {
    const content = generateSecretManifest({ ...base, appName: 'Ops\nkind: Pod # "quoted"' }).content;
    const secret = parseStrict<Secret>(content);
    expect(secret.kind).toBe("Secret");
    expect(content).not.toMatch(/^kind: Pod/m);
  });
});

describe("baton-<app>.yaml", () => {
  it.each(cases)("%s: a Deployment of the runner image with the seeds' labels", (_label, input) => {
    const slug = input.provider === "temporal-cloud" ? "temporalcloud" : "cloudflare";
    const file = generateDeploymentManifest(input);
    expect(file.name).toBe(`baton-${slug}.yaml`);
    const deployment = parseStrict<Deployment>(file.content);
    expect(deployment).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: `baton-${slug}`, labels: { app: `baton-${slug}` } } });
    expect(deployment.spec.selector.matchLabels).toEqual({ app: `baton-${slug}` });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: `baton-${slug}`, baton: "true", "baton-app": slug });
    for (const value of Object.values(deployment.spec.template.metadata.labels)) expect(typeof value).toBe("string");
    const [container] = deployment.spec.template.spec.containers;
    expect(container).toMatchObject({ name: `baton-${slug}`, image: RUNNER_IMAGE, args: ["service", "--url", base.appUrl] });
    expect(container.envFrom).toEqual([{ secretRef: { name: `baton-${slug}-secrets` } }]);
  });
});

describe("the panel's variants", () => {
  it("offers Cloudflare's two credential sets and Temporal Cloud's one, each with both files", () => {
    const cloudflare = generateManifestVariants(base);
    expect(cloudflare.map((v) => [v.id, v.label])).toEqual([
      ["api-token", "API token"],
      ["email-api-key", "Email + API key"],
    ]);
    expect(cloudflare[1].files.map((f) => f.name)).toEqual(["baton-cloudflare-secrets.yaml", "baton-cloudflare.yaml"]);
    expect(generateManifestVariants({ ...base, provider: "temporal-cloud" }).map((v) => v.files.map((f) => f.name))).toEqual([["baton-temporalcloud-secrets.yaml", "baton-temporalcloud.yaml"]]);
  });
});
