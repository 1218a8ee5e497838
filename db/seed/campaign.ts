/** The demo's campaign (its signing keys) and what it requires of each kind of unit (data, not code). */
import { generateCampaignKeys } from "@/lib/tokens/qr-token";
import { returnedRow, type Tx } from "../client";
import * as t from "../schema";
import { CAMPAIGN, DISTRICT_LEVEL_KINDS } from "../seed-data";
import { BODY_KIND_OF, type BodyKey } from "./organisation";

export async function seedCampaign(d: Tx) {
  const keys = generateCampaignKeys();
  const campaign = await returnedRow(
    d
      .insert(t.campaigns)
      .values({ ...CAMPAIGN, signingPrivateKey: keys.privateKey, signingPublicKey: keys.publicKey })
      .returning(),
  );
  const addRequirement = async (unitKind: string, key: BodyKey, title: string, duration: string, order: number, coBodyKinds: string[] = []) =>
    await returnedRow(
      d
        .insert(t.campaignRequirements)
        .values({ campaignId: campaign.id, unitKind, bodyKind: BODY_KIND_OF[key], coBodyKinds, title, duration, sortOrder: order })
        .returning(),
    );
  const provinceReq = {
    standing: await addRequirement("tinh", "standing", "Hội nghị do Ban Thường vụ Tỉnh ủy tổ chức", "1 ngày", 1),
    propaganda: await addRequirement("tinh", "propaganda", "Hội nghị do Ban Tuyên giáo Tỉnh ủy tổ chức", "1 ngày", 2),
    labour: await addRequirement("tinh", "propaganda", "Hội nghị do Ban Tuyên giáo Tỉnh ủy phối hợp với Liên đoàn Lao động tỉnh tổ chức", "1 buổi", 3, [
      "labour_federation",
    ]),
  };
  const districtReq = new Map<string, Record<BodyKey, typeof t.campaignRequirements.$inferSelect>>();
  for (const kind of DISTRICT_LEVEL_KINDS) {
    districtReq.set(kind, {
      standing: await addRequirement(kind, "standing", "Hội nghị do Ban Thường vụ cấp ủy tổ chức", "1 ngày", 1),
      propaganda: await addRequirement(kind, "propaganda", "Hội nghị do Ban Tuyên giáo cấp ủy tổ chức", "1 ngày", 2),
      labour: await addRequirement(kind, "labour", "Hội nghị do Liên đoàn Lao động tổ chức", "1 buổi", 3),
      education: await addRequirement(kind, "education", "Hội nghị do Phòng Giáo dục và Đào tạo tổ chức", "1 buổi", 4),
    });
  }
  return { keys, campaign, provinceReq, districtReq };
}
