process.env['CDK_VALIDATION'] = 'false';
// cdk-nag's EventBusOpenAccess reads a deprecated aws-cdk-lib property on every synth; the warning
// is about cdk-nag, not this project, and drowned the test output in stack traces.
process.env['JSII_DEPRECATED'] = 'quiet';
