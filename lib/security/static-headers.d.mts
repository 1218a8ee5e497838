/** Types of static-headers.mjs (plain JS for next.config.mjs). */
export declare const STATIC_SECURITY_HEADERS: { key: string; value: string }[];
