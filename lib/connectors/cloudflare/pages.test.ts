// paginate(): the fewest requests result_info allows, whichever fields Cloudflare sends.
import { describe, expect, it } from "vitest";
import type { ResultInfo } from "./api";
import { paginate } from "./pages";

function source(total: number, info: (page: number, items: number) => ResultInfo | undefined, size = 5) {
  const asked: number[] = [];
  const fetchPage = async (page: number) => {
    asked.push(page);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, i) => (page - 1) * size + i);
    return { result: items, result_info: info(page, items.length) };
  };
  return { asked, fetchPage };
}

async function drain(pages: AsyncIterable<number[]>) {
  const all: number[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

describe("paginate", () => {
  it.each([
    ["total_pages", (page: number) => ({ page, total_pages: 3 })],
    ["total_count + per_page", (page: number) => ({ page, per_page: 5, total_count: 15 })],
    ["total_count only", (page: number) => ({ page, total_count: 15 })],
  ])("stops on the last full page using %s", async (_, info) => {
    const { asked, fetchPage } = source(15, info);
    expect(await drain(paginate("item", 5, fetchPage))).toHaveLength(15);
    expect(asked).toEqual([1, 2, 3]);
  });

  it("without totals, a short page is the last", async () => {
    const { asked, fetchPage } = source(12, () => undefined);
    expect(await drain(paginate("item", 5, fetchPage))).toHaveLength(12);
    expect(asked).toEqual([1, 2, 3]);
  });

  it("without totals, an exact multiple costs one empty page (the only way to know)", async () => {
    const { asked, fetchPage } = source(10, () => undefined);
    await drain(paginate("item", 5, fetchPage));
    expect(asked).toEqual([1, 2, 3]);
  });

  it("an empty list is one request", async () => {
    const { asked, fetchPage } = source(0, (page) => ({ page, total_count: 0, total_pages: 0 }));
    expect(await drain(paginate("item", 5, fetchPage))).toEqual([]);
    expect(asked).toEqual([1]);
  });

  it("refuses an upstream that ignores the page parameter", async () => {
    const pages = paginate("item", 5, async () => ({ result: [1, 2, 3, 4, 5], result_info: { page: 1, total_pages: 9 } }));
    await expect(drain(pages)).rejects.toMatchObject({ kind: "malformed_response" });
  });

  it("names a total that changes between pages as a retryable conflict", async () => {
    let total = 15;
    const pages = paginate("member", 5, async (page) => ({ result: [1, 2, 3, 4, 5], result_info: { page, total_count: total++ } }));
    await expect(drain(pages)).rejects.toMatchObject({ kind: "conflict", retryable: true });
  });
});
