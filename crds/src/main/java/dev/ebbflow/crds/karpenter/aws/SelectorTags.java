package dev.ebbflow.crds.karpenter.aws;

/** The shared wording of the selector terms' tag maps. */
final class SelectorTags {

    static final String RULE = "self.all(k, k != '' && self[k] != '')";
    static final String MESSAGE = "empty tag keys or values aren't supported";

    private SelectorTags() {
    }
}
