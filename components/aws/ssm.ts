/** The ssm resources and functions the components use, each from its own module (see index.ts). */
export * from "@pulumi/aws/ssm/activation";
export * from "@pulumi/aws/ssm/association";
export * from "@pulumi/aws/ssm/defaultPatchBaseline";
export * from "@pulumi/aws/ssm/document";
export * from "@pulumi/aws/ssm/getParameter";
export * from "@pulumi/aws/ssm/getPatchBaselines";
export * from "@pulumi/aws/ssm/maintenanceWindow";
export * from "@pulumi/aws/ssm/maintenanceWindowTarget";
export * from "@pulumi/aws/ssm/maintenanceWindowTask";
export * from "@pulumi/aws/ssm/patchBaseline";
export * from "@pulumi/aws/ssm/patchGroup";
export * from "@pulumi/aws/ssm/quicksetupConfigurationManager";
export * from "@pulumi/aws/ssm/resourceDataSync";
export * from "@pulumi/aws/ssm/serviceSetting";
