package dev.ebbflow.scalers.sqs;

/** The STS calls credentials come from, named as STS names them in {@code Action}. */
final class StsActions {

    static final String WEB_IDENTITY = "AssumeRoleWithWebIdentity";
    static final String ASSUME_ROLE = "AssumeRole";

    private StsActions() {
    }
}
