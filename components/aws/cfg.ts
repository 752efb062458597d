/** The cfg resources and functions the components use, each from its own module (see index.ts). */
export * from "@pulumi/aws/cfg/rule";
