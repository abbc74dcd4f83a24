import { describe, expect, it } from "vitest";
import { attachmentDisposition, csvCell, csvResponse, csvRow, fileSlug } from "./csv";

describe("csv", () => {
  it("quotes commas, quotes and newlines", () => {
    expect(csvRow(["a,b", 'say "hi"', "line\nbreak", null])).toBe('"a,b","say ""hi""","line\nbreak",\r\n');
  });

  it("leaves plain cells, numbers and dates as they are", () => {
    expect(csvRow(["Grace Hopper", 42, new Date("2026-01-02T03:04:05Z"), "a.b@example.com"])).toBe("Grace Hopper,42,2026-01-02T03:04:05.000Z,a.b@example.com\r\n");
  });

  it("neutralises every cell that starts with a formula character (OWASP: = + - @ tab CR)", () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell("+1")).toBe(`"'+1"`);
    expect(csvCell("-1")).toBe(`"'-1"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("\t=1+2")).toBe(`"'\t=1+2"`);
    expect(csvCell("\r=1+2")).toBe(`"'\r=1+2"`);
    // A formula character later in the cell is harmless text.
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("escapes OWASP's own examples as OWASP does", () => {
    expect(csvCell('=1+2";=1+2')).toBe(`"'=1+2"";=1+2"`);
    expect(csvCell(`=1+2'" ;,=1+2`)).toBe(`"'=1+2'"" ;,=1+2"`);
  });

  it("keeps a separator from starting a new cell with a formula in it", () => {
    // Spreadsheets in many locales split on ";", and a tab-separated import on tab.
    expect(csvCell("x;=1+2")).toBe(`"x;=1+2"`);
    expect(csvCell("x\t=1+2")).toBe(`"x\t=1+2"`);
    expect(csvCell("O'Brien")).toBe(`"O'Brien"`);
  });

  it("names the file in ASCII and exactly", () => {
    expect(attachmentDisposition("ledger-accounts-2026-01-02.csv")).toBe(`attachment; filename="ledger-accounts-2026-01-02.csv"; filename*=UTF-8''ledger-accounts-2026-01-02.csv`);
    expect(attachmentDisposition('Zoë "x"/y.csv')).toBe(`attachment; filename="Zoe--x--y.csv"; filename*=UTF-8''Zo%C3%AB%20%22x%22%2Fy.csv`);
    expect(attachmentDisposition("O'Brien (1).csv")).toBe(`attachment; filename="O'Brien-(1).csv"; filename*=UTF-8''O%27Brien%20%281%29.csv`);
    expect(fileSlug("Zoë's Ledger — EU / prod")).toBe("zoe-s-ledger-eu-prod");
    expect(fileSlug("日本")).toBe("export");
  });

  it("streams one batch at a time, and stops reading when the download is cancelled", async () => {
    let read = 0;
    let finished = false;
    async function* batches() {
      try {
        for (let i = 0; i < 1_000; i++) {
          read += 1;
          yield [`row ${i}`];
        }
      } finally {
        finished = true;
      }
    }
    const response = csvResponse({ filename: "x.csv", header: ["name"], batches: batches(), row: (r: string) => [r] });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (let i = 0; i < 3; i++) text += decoder.decode((await reader.read()).value);
    expect(text).toBe("name\r\nrow 0\r\nrow 1\r\n");
    // The stream reads ahead by at most a batch or two, never the whole set.
    expect(read).toBeLessThan(5);
    await reader.cancel();
    expect(finished).toBe(true);
    expect(read).toBeLessThan(5);
  });
});
