/** S3 prefixes of one environment's reports: tasks per operation, the scan association, the data sync. */
export function reportPrefixes(environment: string) {
  return {
    scan: `${environment}/scan/`,
    install: `${environment}/install/`,
    scanAssociation: `${environment}/scan-association/`,
    dataSync: `${environment}/data-sync`,
    /** Install-override lists for patch-now, the only ones its document accepts. */
    patchNow: `${environment}/patch-now/`,
  };
}

/** The CloudWatch log group of one environment's command output. */
export function commandLogGroupName(environment: string): string {
  return `/aws/ssm/${environment}/patching`;
}
