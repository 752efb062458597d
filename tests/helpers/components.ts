import { parseStackConfig } from "../../config/load";
import { RecordingMocks, resolve, settle } from "../../offline/recordingRuntime";
import { minimalConfig } from "./run";

export const scope = { partition: "aws", region: "eu-west-1", accountId: "123456789012" };

/** Declares components inside a fresh mock runtime and returns what was registered. */
export async function declare(build: () => unknown) {
  const mocks = new RecordingMocks("eu-west-1");
  await mocks.install("unit");
  await resolve(build());
  await settle();
  return mocks.resources;
}

export const parsedWindow = (patch: (raw: any) => void = () => undefined) => {
  const raw = minimalConfig();
  patch(raw);
  return parseStackConfig(raw, "unit");
};
