export * from "./InstanceRole";
export * from "./MaintenanceWindow";
export * from "./PatchBaseline";
export * from "./PatchingStack";
export * from "./WindowServiceRole";
export * from "./policies";
export * from "./scope";
