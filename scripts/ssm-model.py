#!/usr/bin/env python3
"""Regenerates config/ssm-model.json: the limits, enums and patterns of AWS's published SSM API
model that config validation relies on, taken from the botocore data that ships with boto3.

    python3 scripts/ssm-model.py > config/ssm-model.json

The test suite holds config/limits.ts to that file, and the file to botocore where it is installed.
"""
import json
import sys

import botocore
import botocore.session

# The shapes our validation reads, each named as in the model (API reference: "Data Types").
SHAPES = [
    "ActivationDescription", "ApproveAfterDays", "BaselineDescription", "BaselineName", "Comment",
    "DefaultInstanceName", "DocumentARN", "IamRole", "MaintenanceWindowCutoff", "MaintenanceWindowDescription",
    "MaintenanceWindowDurationHours", "MaintenanceWindowName", "MaintenanceWindowOffset", "MaintenanceWindowSchedule",
    "MaintenanceWindowTaskCutoffBehavior", "MaintenanceWindowTaskPriority", "MaxConcurrency", "MaxErrors",
    "NotificationEvent", "NotificationType", "OperatingSystem", "OwnerInformation", "PatchAction",
    "PatchComplianceLevel", "PatchFilterKey", "PatchFilterList", "PatchFilterValue", "PatchFilterValueList",
    "PatchGroup", "PatchId", "PatchIdList", "PatchRuleList", "PatchSourceConfiguration", "PatchSourceList",
    "PatchSourceName", "PatchSourceProductList", "PatchStringDateTime", "RegistrationLimit", "S3BucketName",
    "S3KeyPrefix", "TagKey", "TagValue", "TargetKey", "TargetValues", "Targets", "TimeoutSeconds",
]
# Structures whose required members the provider and AWS insist on.
STRUCTURES = ["PatchFilterGroup", "PatchRule", "PatchFilter"]


def main() -> None:
    model = botocore.session.get_session().get_service_model("ssm")
    shapes = {}
    for name in SHAPES:
        shape = model.shape_for(name)
        entry = {"type": shape.type_name}
        for key in ("min", "max", "pattern"):
            if key in shape.metadata:
                entry[key] = shape.metadata[key]
        if getattr(shape, "enum", None):
            entry["enum"] = list(shape.enum)
        shapes[name] = entry
    for name in STRUCTURES:
        shapes[name] = {"type": "structure", "required": sorted(model.shape_for(name).required_members)}
    json.dump({
        "source": f"botocore {botocore.__version__}, data/ssm/{model.api_version}/service-2.json",
        "apiVersion": model.api_version,
        "shapes": shapes,
    }, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
