import { RecordedResource } from "../offline/recordingRuntime";

/** A resource a provider-built component creates, which the mock runtime cannot show. */
export interface ExpandedResource {
  readonly component: string;
  readonly type: string;
  readonly count: number;
  /** Set for what costs money by the hour while the stack exists. */
  readonly billing?: string;
}

/**
 * What an awsx.ec2.Vpc creates, from its inputs, as awsx documents it: the VPC; per availability
 * zone and subnet spec a subnet, a route table and its association; an internet gateway and
 * default routes for public subnets; an Elastic IP, a NAT gateway and routes to it per NAT strategy.
 */
export function expandVpc(vpc: RecordedResource): ExpandedResource[] {
  const zones: number = vpc.inputs.numberOfAvailabilityZones ?? 3;
  const specs: string[] = (vpc.inputs.subnetSpecs ?? [{ type: "Private" }, { type: "Public" }]).map(
    (s: { type: string }) => s.type,
  );
  const strategy: string = vpc.inputs.natGateways?.strategy ?? "OnePerAz";
  const nats = strategy === "None" ? 0 : strategy === "Single" ? 1 : zones;
  const subnets = specs.length * zones;
  const component = `Vpc ${vpc.name}`;
  const rows: ExpandedResource[] = [
    { component, type: "aws:ec2/vpc:Vpc", count: 1 },
    { component, type: "aws:ec2/subnet:Subnet", count: subnets },
    { component, type: "aws:ec2/routeTable:RouteTable", count: subnets },
    { component, type: "aws:ec2/routeTableAssociation:RouteTableAssociation", count: subnets },
  ];
  const publicRoutes = specs.includes("Public") ? zones : 0;
  const natRoutes = nats > 0 && specs.includes("Private") ? zones : 0;
  if (publicRoutes > 0) rows.push({ component, type: "aws:ec2/internetGateway:InternetGateway", count: 1 });
  if (nats > 0) {
    rows.push({ component, type: "aws:ec2/eip:Eip", count: nats, billing: "public IPv4 address, billed hourly" });
    rows.push({
      component,
      type: "aws:ec2/natGateway:NatGateway",
      count: nats,
      billing: "billed hourly while the stack exists, plus per GB processed",
    });
  }
  if (publicRoutes + natRoutes > 0)
    rows.push({ component, type: "aws:ec2/route:Route", count: publicRoutes + natRoutes });
  return rows;
}

/** Every provider-built component's contents the plan can state. */
export function expandRemoteComponents(resources: readonly RecordedResource[]): ExpandedResource[] {
  return resources.filter((r) => r.type === "awsx:ec2:Vpc").flatMap(expandVpc);
}
