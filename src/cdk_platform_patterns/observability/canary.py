"""The CloudWatch Synthetics canary of an ``ObservableService`` and its artifacts bucket."""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_synthetics as synthetics
from constructs import Construct

__all__ = ["CANARY_SCRIPT", "define_canary"]

CANARY_SCRIPT = """\
// Loads TARGET_URL once per run; a screenshot is kept only when the step fails.
let synthetics;
try {
  synthetics = require('@aws/synthetics-puppeteer');
} catch (error) {
  synthetics = require('Synthetics');
}

exports.handler = async () => {
  synthetics.getConfiguration().setConfig({
    screenshotOnStepStart: false,
    screenshotOnStepSuccess: false,
    screenshotOnStepFailure: true,
  });
  const url = process.env.TARGET_URL;
  const page = await synthetics.getPage();
  await synthetics.executeStep('load', async () => {
    const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30000 });
    const status = response ? response.status() : 0;
    if (status < 200 || status > 399) {
      throw new Error(`GET ${url} answered ${status || 'nothing'}`);
    }
  });
};
"""
"""The Node.js Puppeteer script the canary runs (inline, handler ``index.handler``)."""


def define_canary(
    scope: Construct,
    *,
    url: str,
    runtime: synthetics.Runtime,
    every: Duration,
    artifacts_expiration: Duration,
    vpc: ec2.IVpc | None,
    security_groups: Sequence[ec2.ISecurityGroup] = (),
) -> tuple[synthetics.Canary, s3.Bucket]:
    """Define a canary that loads ``url`` every ``every``, and its artifacts bucket.

    With ``vpc`` the canary runs in the VPC's private subnets (for internal load
    balancers). The canary's Lambda function and layers are deleted with it.
    """
    bucket = s3.Bucket(
        scope,
        "CanaryArtifacts",
        encryption=s3.BucketEncryption.S3_MANAGED,
        enforce_ssl=True,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned=False,
        lifecycle_rules=[
            s3.LifecycleRule(
                id="ExpireArtifacts",
                expiration=artifacts_expiration,
                abort_incomplete_multipart_upload_after=Duration.days(1),
            )
        ],
        removal_policy=RemovalPolicy.RETAIN,
    )
    canary = synthetics.Canary(
        scope,
        "Canary",
        runtime=runtime,
        test=synthetics.Test.custom(
            code=synthetics.Code.from_inline(CANARY_SCRIPT), handler="index.handler"
        ),
        schedule=synthetics.Schedule.rate(every),
        environment_variables={"TARGET_URL": url},
        artifacts_bucket_location=synthetics.ArtifactsBucketLocation(bucket=bucket),
        artifact_s3_encryption_mode=synthetics.ArtifactsEncryptionMode.S3_MANAGED,
        success_retention_period=artifacts_expiration,
        failure_retention_period=artifacts_expiration,
        provisioned_resource_cleanup=True,
        start_after_creation=True,
        vpc=vpc,
        vpc_subnets=(ec2.SubnetSelection(subnets=vpc.private_subnets) if vpc is not None else None),
        security_groups=list(security_groups) if vpc is not None else None,
    )
    return canary, bucket
