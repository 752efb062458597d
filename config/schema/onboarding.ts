import { z } from "zod";
import { hooksSchema } from "./windows";
import { LIMITS, VPC_ID, SUBNET_ID, ROUTE_TABLE_ID, IPV4_CIDR, IAM_NAME } from "../limits";
import { oneOf, int, text, list, rfc3339, patchGroupName, enabled } from "./common";
import { onboardingProblems } from "../../components/onboarding/onboardingProblems";

const iamNames = (what: string) => list(z.string().regex(IAM_NAME, `must be an IAM ${what} name`), 10).default([]);

/** A WSUS server address: http(s)://host[:port], nothing else, so it is safe inside a PowerShell string. */
export const wsusUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (
      ["http:", "https:"].includes(url.protocol) &&
      url.hostname !== "" &&
      !url.username &&
      !url.password &&
      (url.pathname === "/" || url.pathname === "") &&
      !url.search &&
      !url.hash &&
      !value.endsWith("/") &&
      !/['"`$\s]/.test(value)
    );
  } catch {
    return false;
  }
}, "must be http(s)://host or http(s)://host:port, e.g. https://wsus.corp.example.com:8531");

export const onboardingSchema = z
  .strictObject({
    hybridActivation: z
      .strictObject({
        enabled: enabled("Create a hybrid activation that registers on-premises servers."),
        patchGroup: patchGroupName
          .optional()
          .describe("Patch group the registered servers join (tag on the activation). Required when enabled."),
        registrationLimit: int(1, 1000)
          .default(10)
          .describe("Servers that may register with this activation (1-1000). @default 10"),
        expirationDate: rfc3339
          .optional()
          .describe(
            "When the activation expires: an explicit ISO-8601 time at most 30 days after deployment (checked by pulumi up). Required when enabled.",
          ),
        description: text(1, 256)
          .optional()
          .describe("Activation description. @default On-premises servers for patch group <patchGroup>"),
      })
      .prefault({})
      .describe("On-premises servers (SCCM: client push to non-AD machines). @default disabled"),
    defaultHostManagement: z
      .strictObject({
        enabled: enabled(
          "Make every EC2 instance in the region managed without an instance profile (Default Host Management Configuration).",
        ),
      })
      .prefault({})
      .describe("Default Host Management Configuration. @default disabled"),
    instanceMetadataTags: z
      .boolean({ error: "must be true or false" })
      .default(false)
      .describe(
        "Instances read their tags from instance metadata; then only the PatchGroup tag key works. @default false",
      ),
    tagInstances: z
      .record(patchGroupName, list(z.string().regex(/^i-[0-9a-f]{8,17}$/, "must be an EC2 instance id i-…"), 1000))
      .default({})
      .describe("Existing EC2 instances to tag into patch groups: {<group>: [instance ids]}. @default {}"),
    privateEndpoints: z
      .strictObject({
        enabled: enabled("Create VPC endpoints so instances without internet reach Systems Manager."),
        vpcId: z
          .string()
          .regex(VPC_ID, "must be a VPC id vpc-…")
          .optional()
          .describe("Existing VPC. @default - a new VPC"),
        subnetIds: list(z.string().regex(SUBNET_ID, "must be a subnet id subnet-…"), 16)
          .optional()
          .describe("Subnets of the existing VPC for the interface endpoints. Required with vpcId."),
        routeTableIds: list(z.string().regex(ROUTE_TABLE_ID, "must be a route table id rtb-…"), 16)
          .optional()
          .describe("Route tables for the S3 gateway endpoint. @default all route tables of the VPC"),
        newVpcCidr: z
          .string()
          .regex(IPV4_CIDR, "must be an IPv4 CIDR block /16 to /28, e.g. 10.80.0.0/16")
          .default("10.80.0.0/16")
          .describe("CIDR of the new VPC. @default 10.80.0.0/16"),
        availabilityZones: int(1, 3).default(2).describe("Availability zones of the new VPC. @default 2"),
        natGateway: oneOf(["None", "Single"] as const)
          .default("None")
          .describe(
            "None: isolated private subnets; Single: one NAT gateway so Windows Update is reachable. @default None",
          ),
        includeKms: z
          .boolean({ error: "must be true or false" })
          .default(false)
          .describe("Also a kms endpoint. @default false"),
        includeLogs: z
          .boolean({ error: "must be true or false" })
          .default(false)
          .describe("Also a logs endpoint (CloudWatch output). @default false"),
      })
      .prefault({})
      .describe("Private network access to Systems Manager. @default disabled"),
    demoFleet: z
      .strictObject({
        enabled: enabled(
          "Launch Windows Server 2022 instances that reproduce the walkthrough end to end (needs privateEndpoints).",
        ),
        count: int(1, 10).default(2).describe("Instances (1-10). @default 2"),
        instanceType: z
          .string()
          .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type such as t3.medium")
          .default("t3.medium")
          .describe("EC2 instance type. @default t3.medium"),
        patchGroup: patchGroupName.default("Test").describe("Patch group tag of the instances. @default Test"),
      })
      .prefault({})
      .describe("Demo fleet (dev). @default disabled"),
    adminPolicies: z
      .strictObject({
        enabled: enabled("Create the PatchAdministrators and PatchViewers managed policies."),
        administratorGroups: iamNames("group").describe("IAM groups that get PatchAdministrators. @default []"),
        administratorRoles: iamNames("role").describe("IAM roles that get PatchAdministrators. @default []"),
        viewerGroups: iamNames("group").describe("IAM groups that get PatchViewers. @default []"),
        viewerRoles: iamNames("role").describe("IAM roles that get PatchViewers. @default []"),
        consoleWrites: z
          .boolean({ error: "must be true or false" })
          .default(false)
          .describe(
            "Let PatchAdministrators change this stack's baselines and windows outside pulumi up: drift, which the next up reverts. @default false",
          ),
        patchNowHooks: hooksSchema
          .optional()
          .describe(
            "Hooks the patch-now document runs (AWS-RunPatchBaselineWithHooks), fixed here: administrators cannot name others. @default none",
          ),
      })
      .prefault({})
      .describe("Patch Manager permissions for people (SCCM: security roles). @default disabled"),
    wsus: z
      .strictObject({
        enabled: enabled("Point the Windows instances of patchGroups at a WSUS server."),
        serverUrl: wsusUrl
          .optional()
          .describe("WSUS address, e.g. https://wsus.corp.example.com:8531. Required when enabled."),
        patchGroups: list(patchGroupName, LIMITS.targetValues)
          .default([])
          .describe("Patch groups whose Windows instances use the WSUS server. @default []"),
      })
      .prefault({})
      .describe("WSUS instead of Windows Update. @default disabled"),
  })
  .superRefine((o, ctx) => {
    const issue = (path: (string | number)[], input: unknown, message: string) =>
      ctx.addIssue({ code: "custom", path, input, message });
    for (const p of onboardingProblems(o)) issue(p.path, p.input, p.rule);
    const seen = new Map<string, string>();
    for (const [group, ids] of Object.entries(o.tagInstances)) {
      ids.forEach((id, i) => {
        const other = seen.get(id);
        if (other && other !== group)
          issue(
            ["tagInstances", group, i],
            id,
            `is already in patch group ${other}; an instance belongs to one patch group`,
          );
        seen.set(id, group);
      });
    }
    const e = o.privateEndpoints;
    if (e.vpcId && !e.subnetIds?.length)
      issue(
        ["privateEndpoints", "subnetIds"],
        e.subnetIds,
        "required with vpcId: the subnets for the interface endpoints",
      );
    if (!e.vpcId && (e.subnetIds || e.routeTableIds))
      issue(["privateEndpoints", "vpcId"], undefined, "subnetIds and routeTableIds need the vpcId they belong to");

    if (o.wsus.enabled && o.wsus.patchGroups.length === 0)
      issue(["wsus", "patchGroups"], [], "name at least one patch group whose Windows instances use WSUS");
  });
export type OnboardingConfig = z.output<typeof onboardingSchema>;
