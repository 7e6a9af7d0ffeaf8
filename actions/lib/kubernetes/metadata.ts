/**
 * Every annotation and label key the suite writes or reads on cluster objects: the suite's own
 * (under `inventory-devops.io/`) and the Kubernetes ones it relies on.
 */

const PREFIX = 'inventory-devops.io';

/** What a deploy annotates each workload with: rollback and people read these. */
export const COMMIT_ANNOTATION = `${PREFIX}/commit`;
export const RUN_URL_ANNOTATION = `${PREFIX}/run-url`;
export const STRATEGY_ANNOTATION = `${PREFIX}/strategy`;
export const IMAGES_ANNOTATION = `${PREFIX}/images`;
/** Set to `failed` on the ReplicaSet (or ControllerRevision) of a revision whose rollout failed: rollback never returns to it. */
export const DEPLOY_STATUS_ANNOTATION = `${PREFIX}/deploy-status`;
/** Why the rollback action ran, on the Deployment it left serving. */
export const ROLLBACK_REASON_ANNOTATION = `${PREFIX}/rollback-reason`;
/** `pending` (deployed, no traffic yet), `serving`, or `previous` (kept running for an instant switch back). */
export const BLUE_GREEN_ROLE_ANNOTATION = `${PREFIX}/blue-green-role`;
/** Comma-separated names of the Services whose selector k8s-deploy switches between the colours. */
export const BLUE_GREEN_SERVICES_ANNOTATION = `${PREFIX}/blue-green-services`;
/** On a Job in the manifests: `pre-deploy` or `post-deploy` makes it a hook that k8s-deploy runs to completion around the rollout (Helm's `helm.sh/hook`). */
export const HOOK_ANNOTATION = `${PREFIX}/hook`;
/** On a hook Job: an integer; hooks of a phase run in ascending weight, then name order (Helm's `helm.sh/hook-weight`). */
export const HOOK_WEIGHT_ANNOTATION = `${PREFIX}/hook-weight`;
/** Label on the Job a hook ran as: the hook's name in the manifests, so earlier runs of it can be found and cleared. */
export const HOOK_NAME_LABEL = `${PREFIX}/hook-name`;
/** Pod readiness gate (and the pod condition that opens it) of a canary's pods: True once they passed the `verify` checks. */
export const VERIFIED_CONDITION = `${PREFIX}/verified`;

/** Pod label that tells a canary's pods from its baseline's. */
export const TRACK_LABEL = 'track';
/** Pod label that tells the two blue-green colours apart; the Services select the serving colour with it. */
export const VERSION_LABEL = 'version';

/** Kubernetes' own: the revision number the Deployment controller writes on Deployments and their ReplicaSets. */
export const DEPLOYMENT_REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
/** Kubernetes' own: the line `kubectl rollout history` shows for a revision. */
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
/** kubectl's own: what client-side apply last wrote. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** Kubernetes' own: the pod label naming the ReplicaSet template a Deployment pod was made from. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
/** Kubernetes' own: the label the API server puts on a Job's pods (and its pod template) with the Job's name. */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
/** Kubernetes' own: the pod label naming the ControllerRevision a StatefulSet pod was made from. */
export const STATEFULSET_REVISION_LABEL = 'controller-revision-hash';
