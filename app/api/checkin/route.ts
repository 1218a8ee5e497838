import { NextResponse } from "next/server";
import { db } from "@/db";
import { requireApiUser } from "@/lib/auth/guards";
import { isFlooding } from "@/lib/checkin/device-rate-limit";
import { recordScan } from "@/lib/checkin/record-scan";
import { getScanSite } from "@/lib/checkin/site-access";
import { checkInRequestSchema, MAX_CHECKIN_BODY_BYTES } from "@/lib/schemas/checkin";

const error = (status: number, code: string, message: string) => NextResponse.json({ error: code, message }, { status });

/**
 * POST /api/checkin — the contract door devices use.
 * { token, siteId, deviceId, nonce, scannedAt, method?, offline? } → 200 { verdict, attendee?, checkIn?, firstCheckIn?, … }
 * 401 without a session, 403 for a site the user may not scan at, 400 for a malformed body, 429 when a device floods.
 */
export async function POST(request: Request) {
  const auth = await requireApiUser("checkin:scan");
  if (!auth.ok) return auth.response;
  const text = await request.text();
  if (text.length > MAX_CHECKIN_BODY_BYTES) return error(400, "too_large", "Yêu cầu quá lớn.");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return error(400, "bad_json", "Nội dung không phải JSON hợp lệ.");
  }
  const parsed = checkInRequestSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "body"))].join(", ");
    return error(400, "bad_request", `Thiếu hoặc sai trường: ${fields}.`);
  }
  const input = parsed.data;
  if (isFlooding(auth.user.id, input.deviceId)) return error(429, "too_many", "Máy quét gửi quá nhiều yêu cầu; vui lòng chậm lại.");
  const access = getScanSite(db, auth.user, input.siteId);
  if (!access.ok) {
    return access.reason === "not_found"
      ? error(404, "site_not_found", "Không tìm thấy điểm cầu.")
      : error(403, access.reason, access.reason === "closed" ? "Ngoài giờ điểm danh của điểm cầu này." : "Bạn không được phân công điểm danh ở điểm cầu này.");
  }
  return NextResponse.json(recordScan(db, auth.user.id, input), { headers: { "cache-control": "no-store" } });
}
