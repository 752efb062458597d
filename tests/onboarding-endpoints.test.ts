import { strict as assert } from "assert";
import type * as awsxEc2 from "@pulumi/awsx/ec2";
import type { AwsxEc2 } from "../components/onboarding/PrivateSsmEndpoints";
import { MOCK_AMI, RecordedResource } from "../offline/recordingRuntime";
import { buildConfig, buildStackFile, named, ofType } from "./helpers/run";
import { withOnboarding, problemsOf } from "./helpers/onboarding";

describe("onboarding: private endpoints and the demo fleet", () => {
  let resources: RecordedResource[];
  before(async () => {
    resources = (await buildStackFile("dev")).resources;
  });

  it("declares awsx's Vpc as awsx does: its module satisfies the component's narrow view of it", () => {
    // Checked by npm test's type check (awsx's declarations, not our reading of them); at run time,
    // the module the component loads has that constructor.
    const awsx: AwsxEc2 = require("@pulumi/awsx/ec2") as typeof awsxEc2;
    assert.equal(typeof awsx.Vpc, "function");
  });

  it("builds a new awsx VPC with private subnets and one NAT gateway for dev", () => {
    const vpc = named(resources, "patching-onboarding-endpoints-vpc");
    assert.equal(vpc.type, "awsx:ec2:Vpc");
    assert.deepEqual(
      [vpc.inputs.cidrBlock, vpc.inputs.numberOfAvailabilityZones, vpc.inputs.subnetSpecs, vpc.inputs.natGateways],
      ["10.80.0.0/16", 2, [{ type: "Private" }, { type: "Public" }], { strategy: "Single" }],
    );
  });

  it("creates the three Systems Manager interface endpoints and the S3 gateway, reachable on 443 from the VPC only", () => {
    const endpoints = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint");
    assert.deepEqual(endpoints.map((e) => [e.inputs.serviceName, e.inputs.vpcEndpointType]).sort(), [
      ["com.amazonaws.us-east-1.ec2messages", "Interface"],
      ["com.amazonaws.us-east-1.s3", "Gateway"],
      ["com.amazonaws.us-east-1.ssm", "Interface"],
      ["com.amazonaws.us-east-1.ssmmessages", "Interface"],
    ]);
    const ssm = named(resources, "patching-onboarding-endpoints-ssm").inputs;
    assert.deepEqual(
      [ssm.privateDnsEnabled, ssm.subnetIds, ssm.securityGroupIds],
      [true, ["subnet-pri00001", "subnet-pri00002"], ["patching-onboarding-endpoints-sg-id"]],
    );
    assert.deepEqual(named(resources, "patching-onboarding-endpoints-s3").inputs.routeTableIds, [
      "rtb-0a1b2c3d4e5f60718",
    ]);
    const sg = named(resources, "patching-onboarding-endpoints-sg").inputs;
    assert.deepEqual(sg.ingress, [
      { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.80.0.0/16"], description: "HTTPS from the VPC" },
    ]);
    assert.equal(sg.egress, undefined);
  });

  it("runs Windows Server 2022 from the latest public AMI in private subnets, IMDSv2 only, encrypted, in patch group Test", () => {
    const instances = ofType(resources, "aws:ec2/instance:Instance");
    assert.equal(instances.length, 2);
    assert.deepEqual(instances.map((i) => i.inputs.subnetId).sort(), ["subnet-pri00001", "subnet-pri00002"]);
    for (const instance of instances) {
      assert.equal(instance.inputs.ami, MOCK_AMI);
      assert.equal(instance.inputs.iamInstanceProfile, "EC2-SSMCore");
      assert.equal(instance.inputs.associatePublicIpAddress, false);
      assert.deepEqual(instance.inputs.metadataOptions, {
        httpEndpoint: "enabled",
        httpTokens: "required",
        instanceMetadataTags: "disabled",
      });
      assert.deepEqual(instance.inputs.rootBlockDevice, { encrypted: true, volumeType: "gp3", volumeSize: 50 });
      assert.equal(instance.inputs.tags["Patch Group"], "Test");
    }
    assert.equal(named(resources, "patching-onboarding-demo-sg").inputs.ingress, undefined);
  });

  it("uses an existing VPC's subnets, route tables and CIDR, with the kms and logs endpoints when asked", async () => {
    const raw = withOnboarding({
      privateEndpoints: {
        enabled: true,
        vpcId: "vpc-0123456789abcdef0",
        subnetIds: ["subnet-0123456789abcdef0"],
        routeTableIds: ["rtb-0123456789abcdef0"],
        includeKms: true,
        includeLogs: true,
      },
    });
    const { resources: existing } = await buildConfig(raw);
    assert.equal(ofType(existing, "awsx:ec2:Vpc").length, 0);
    assert.deepEqual(
      ofType(existing, "aws:ec2/vpcEndpoint:VpcEndpoint")
        .map((e) => e.inputs.serviceName.split(".").pop())
        .sort(),
      ["ec2messages", "kms", "logs", "s3", "ssm", "ssmmessages"],
    );
    assert.deepEqual(named(existing, "patching-onboarding-endpoints-s3").inputs.routeTableIds, [
      "rtb-0123456789abcdef0",
    ]);
    assert.deepEqual(named(existing, "patching-onboarding-endpoints-sg").inputs.ingress[0].cidrBlocks, ["10.0.0.0/16"]);
    assert.equal(named(existing, "patching-onboarding-endpoints-ssm").inputs.vpcId, "vpc-0123456789abcdef0");
  });

  it("refuses bad ids and a demo fleet without endpoints", () => {
    assert.match(
      problemsOf(withOnboarding({ privateEndpoints: { enabled: true, vpcId: "vpc-xyz" } })),
      /patching:onboarding\.privateEndpoints\.vpcId = "vpc-xyz": must be a VPC id/,
    );
    assert.match(
      problemsOf(
        withOnboarding({ privateEndpoints: { enabled: true, vpcId: "vpc-0123456789abcdef0", subnetIds: ["sub-1"] } }),
      ),
      /patching:onboarding\.privateEndpoints\.subnetIds\[0\] = "sub-1": must be a subnet id/,
    );
    assert.match(
      problemsOf(withOnboarding({ privateEndpoints: { enabled: true, vpcId: "vpc-0123456789abcdef0" } })),
      /patching:onboarding\.privateEndpoints\.subnetIds = \(missing\): required with vpcId/,
    );
    assert.match(
      problemsOf(withOnboarding({ privateEndpoints: { enabled: true, newVpcCidr: "10.0.0.0/8" } })),
      /newVpcCidr = "10\.0\.0\.0\/8": must be an IPv4 CIDR block \/16 to \/28/,
    );
    assert.match(
      problemsOf(withOnboarding({ demoFleet: { enabled: true } })),
      /patching:onboarding\.demoFleet\.enabled = true: the demo fleet runs in the private subnets of privateEndpoints/,
    );
  });
});
