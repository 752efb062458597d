import * as pulumi from "@pulumi/pulumi";
import * as aws from "../aws";
import { remediationAutomationPolicy, remediationRunbook, startRemediationPolicy } from "./compliancePolicies";
import type { AwsScope } from "../scope";
import { serviceRole } from "../iam/serviceRole";

export interface PatchRemediationArgs {
  readonly scope: pulumi.Input<AwsScope>;
  /** The non-compliance rule that starts the runbook. */
  readonly nonComplianceRule: aws.cloudwatch.EventRule;
  /** Scan re-checks the instance; Install patches it outside the windows. @default "Scan" */
  readonly operation?: "Scan" | "Install";
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * Automatic remediation: when an instance turns non-compliant, EventBridge starts this stack's
 * Automation runbook, which runs AWS-RunPatchBaseline on that instance. Each step has its own role.
 */
export class PatchRemediation extends pulumi.ComponentResource {
  public readonly runbook: aws.ssm.Document;
  public readonly runbookName: pulumi.Output<string>;

  constructor(name: string, args: PatchRemediationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("patching:ssm:PatchRemediation", name, {}, opts);
    const parent = { parent: this };
    const scope = pulumi.output(args.scope);
    const operation = args.operation ?? "Scan";

    const automationRole = serviceRole(
      `${name}-automation`,
      {
        service: "ssm.amazonaws.com",
        scope: args.scope,
        // Automation names the execution as the source (Automation: "configure a service role").
        sourceArn: pulumi.interpolate`arn:${scope.partition}:ssm:${scope.region}:${scope.accountId}:automation-execution/*`,
        description: "Runs the patch remediation runbook",
        policy: scope.apply(remediationAutomationPolicy),
        tags: args.tags,
      },
      this,
    );

    this.runbook = new aws.ssm.Document(
      `${name}-runbook`,
      {
        documentType: "Automation",
        documentFormat: "JSON",
        content: automationRole.arn.apply((arn) => JSON.stringify(remediationRunbook(operation, arn))),
        tags: args.tags,
      },
      parent,
    );

    const definitionArn = pulumi.interpolate`arn:${scope.partition}:ssm:${scope.region}:${scope.accountId}:automation-definition/${this.runbook.name}`;
    const eventsRole = serviceRole(
      `${name}-events`,
      {
        service: "events.amazonaws.com",
        scope: args.scope,
        sourceArn: args.nonComplianceRule.arn,
        description: "Lets EventBridge start the patch remediation runbook",
        policy: pulumi
          .all([definitionArn, automationRole.arn])
          .apply(([definition, roleArn]) => startRemediationPolicy(`${definition}:*`, roleArn)),
        tags: args.tags,
      },
      this,
    );
    new aws.cloudwatch.EventTarget(
      `${name}-target`,
      {
        rule: args.nonComplianceRule.name,
        arn: pulumi.interpolate`${definitionArn}:$DEFAULT`,
        roleArn: eventsRole.arn,
        inputTransformer: {
          inputPaths: { instance: "$.detail.resource-id" },
          inputTemplate: '{"InstanceId":[<instance>]}',
        },
      },
      parent,
    );

    this.runbookName = this.runbook.name;
    this.registerOutputs({ runbookName: this.runbookName });
  }
}
