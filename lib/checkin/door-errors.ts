/** The refusals of the door's API, shared by the Next route handlers and the fast path. */
import type { z } from "zod";
import { tooLargeBody } from "@/lib/http/read-body";

export interface DoorError {
  status: number;
  body: { error: string; message: string };
}

const make = (status: number, error: string, message: string): DoorError => ({ status, body: { error, message } });

export const DOOR_ERRORS = {
  unauthenticated: make(401, "unauthenticated", "Chưa đăng nhập"),
  forbidden: make(403, "forbidden", "Không có quyền"),
  badJson: make(400, "bad_json", "Nội dung không phải JSON hợp lệ."),
  tooMany: make(429, "too_many", "Máy quét gửi quá nhiều yêu cầu; vui lòng chậm lại."),
  siteNotFound: make(404, "site_not_found", "Không tìm thấy điểm cầu."),
  notAssigned: make(403, "forbidden", "Bạn không được phân công điểm danh ở điểm cầu này."),
  closed: make(403, "closed", "Ngoài giờ điểm danh của điểm cầu này."),
};

export function badRequest(error: z.ZodError): DoorError {
  const fields = [...new Set(error.issues.map((i) => i.path.join(".") || "body"))].join(", ");
  return make(400, "bad_request", `Thiếu hoặc sai trường: ${fields}.`);
}

/** 413: the body passed its limit (lib/http/read-body.ts); the connection is closed after it. */
export function bodyTooLarge(maxBytes: number): DoorError {
  return { status: 413, body: tooLargeBody(maxBytes) };
}

export function siteRefusal(reason: "not_found" | "forbidden" | "closed"): DoorError {
  return reason === "not_found" ? DOOR_ERRORS.siteNotFound : reason === "closed" ? DOOR_ERRORS.closed : DOOR_ERRORS.notAssigned;
}
