import { strict as assert } from "assert";

import { OperationOptions, OperationResult, StackOps } from "../../automation/workspace";

export type Call = { op: string; stack: string; options?: OperationOptions };

/** An in-memory workspace: config per stack, a log of calls, failures on demand. */
export class FakeOps implements StackOps {
  readonly calls: Call[] = [];
  readonly config = new Map<string, Record<string, unknown>>();
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly fail: Record<string, string> = {},
    private readonly delayMs = 0,
  ) {}

  private async op(op: string, stack: string, options?: OperationOptions): Promise<OperationResult> {
    this.calls.push({ op, stack, options });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, this.delayMs));
    this.inFlight--;
    const failure = this.fail[`${op} ${stack}`];
    if (failure) throw new Error(failure);
    return { changes: { create: 2, same: 5 } };
  }
  preview = (s: string, o?: OperationOptions) => this.op("preview", s, o);
  up = (s: string, o?: OperationOptions) => this.op("up", s, o);
  refresh = (s: string, o?: OperationOptions) => this.op("refresh", s, o);
  destroy = (s: string, o?: OperationOptions) => this.op("destroy", s, o);
  async outputs(stack: string) {
    this.calls.push({ op: "outputs", stack });
    return {
      instanceRoleName: { value: "EC2-SSMCore", secret: false },
      activationCode: { value: "code-123", secret: true },
    };
  }
  async getConfig(stack: string, key: string) {
    const value = this.config.get(stack)?.[key];
    return value === undefined ? undefined : JSON.stringify(value);
  }
  async readConfig(stack: string) {
    return { values: this.config.get(stack) ?? {}, secrets: [] };
  }
  async setConfig(stack: string, key: string, value: string, isPath?: boolean) {
    this.calls.push({ op: `setConfig ${key}=${value}${isPath ? " (path)" : ""}`, stack });
    const { rule, field } = this.rulePath(stack, key, isPath);
    // As `pulumi config set --path` does, a number-like value is stored as a number.
    rule[field] = /^\d+$/.test(value) ? Number(value) : value;
  }
  async removeConfig(stack: string, key: string, isPath?: boolean) {
    this.calls.push({ op: `removeConfig ${key}${isPath ? " (path)" : ""}`, stack });
    const { rule, field } = this.rulePath(stack, key, isPath);
    delete rule[field];
  }
  private rulePath(stack: string, key: string, isPath?: boolean) {
    const match = /^(\w+:\w+)\["([^"]+)"\]\.approvalRules\[(\d+)\]\.(approveUntilDate|approveAfterDays)$/.exec(key);
    assert.ok(isPath && match, `unexpected config path ${key}`);
    const baselines = this.config.get(stack)![match[1]] as Record<string, { approvalRules: Record<string, unknown>[] }>;
    return { rule: baselines[match[2]].approvalRules[Number(match[3])], field: match[4] };
  }
}

export const baselines = (os: string, dates: string[]) => ({
  operatingSystem: os,
  approvalRules: dates.map((d) => ({ classifications: ["SecurityUpdates"], approveUntilDate: d })),
});
