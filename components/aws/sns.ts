/** The sns resources and functions the components use, each from its own module (see index.ts). */
export * from "@pulumi/aws/sns/topic";
export * from "@pulumi/aws/sns/topicPolicy";
export * from "@pulumi/aws/sns/topicSubscription";
