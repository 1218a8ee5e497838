import { describe, expect, it } from "vitest";
import { effectiveSigner, signatureBlock } from "./signature-block";

const body = { signForm: "T/M" as const, signFor: "Ban Thường vụ", signerTitle: "Phó Bí thư", signerName: "Nguyễn Văn An" };
const none = { signForm: null, signFor: null, signerTitle: null, signerName: null };

describe("signature block", () => {
  it("writes the authority form, the title in capitals and the name as written", () => {
    expect(signatureBlock(body)).toEqual({ authority: "T/M BAN THƯỜNG VỤ", title: "PHÓ BÍ THƯ", name: "Nguyễn Văn An", missing: [] });
  });

  it("has no authority line when the head signs in their own name", () => {
    expect(signatureBlock({ signForm: "", signFor: "ignored", signerTitle: "Trưởng ban", signerName: "Lê Thị Bình" }).authority).toBeNull();
  });

  it("takes the conference's fields one by one and the body's default for the rest", () => {
    expect(effectiveSigner(none, body)).toEqual(body);
    const deputy = effectiveSigner({ ...none, signForm: "K/T", signFor: "Bí thư", signerName: "Trần Văn Cường" }, body);
    expect(signatureBlock(deputy)).toMatchObject({ authority: "K/T BÍ THƯ", title: "PHÓ BÍ THƯ", name: "Trần Văn Cường" });
    // An explicit "" (the head signs) is a choice, not a fallback.
    expect(effectiveSigner({ ...none, signForm: "" }, body).signForm).toBe("");
  });

  it("says what is missing before the letters can be signed", () => {
    expect(signatureBlock({ signForm: "T/M", signFor: "Ban Thường vụ", signerTitle: "", signerName: " " }).missing).toEqual(["title", "name"]);
  });
});
