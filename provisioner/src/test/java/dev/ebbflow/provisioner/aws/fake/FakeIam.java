package dev.ebbflow.provisioner.aws.fake;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.RemoveRoleFromInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The IAM Query API's instance profile actions (CreateInstanceProfile, GetInstanceProfile,
 * AddRoleToInstanceProfile, RemoveRoleFromInstanceProfile, DeleteInstanceProfile) over roles and
 * instance profiles it holds, with IAM's documented errors: NoSuchEntity (404),
 * EntityAlreadyExists (409), LimitExceeded (a second role, 409), DeleteConflict (a profile that still
 * holds a role, 409), and AccessDenied (403) when injected.
 */
public final class FakeIam {

    static final Set<String> ACTIONS = Set.of("CreateInstanceProfile", "GetInstanceProfile", "AddRoleToInstanceProfile",
            "RemoveRoleFromInstanceProfile", "DeleteInstanceProfile");

    /** An IAM error: its code and HTTP status. */
    static final class IamError extends RuntimeException {
        final String code;
        final int status;

        IamError(String code, int status, String message) {
            super(message);
            this.code = code;
            this.status = status;
        }
    }

    private final Set<String> roles = ConcurrentHashMap.newKeySet();
    private final Map<String, InstanceProfile> profiles = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> injected = new ConcurrentHashMap<>();
    private final List<QueryParams> requests = new CopyOnWriteArrayList<>();

    public FakeIam role(String name) {
        roles.add(name);
        return this;
    }

    /** The next {@code times} calls of the action fail with this IAM error code. */
    public void failNext(String action, String code, int times) {
        Deque<String> q = injected.computeIfAbsent(action, a -> new ArrayDeque<>());
        synchronized (q) {
            for (int i = 0; i < times; i++) {
                q.add(code);
            }
        }
    }

    /** An instance profile made outside the adapter, holding that role (or none). */
    public void profile(String name, String role, Map<String, String> tags) {
        profiles.put(name, InstanceProfile.builder().instanceProfileName(name).path("/").arn(arn(name, "/"))
                .instanceProfileId("AIPA" + Math.abs(name.hashCode())).createDate(Instant.now())
                .roles(role == null ? List.of() : List.of(roleOf(role))).tags(tags(tags)).build());
    }

    public Map<String, InstanceProfile> profiles() {
        return Map.copyOf(profiles);
    }

    public List<QueryParams> requests(String action) {
        return requests.stream().filter(r -> action.equals(r.action())).toList();
    }

    SdkPojo handle(QueryParams p) {
        requests.add(p);
        Deque<String> q = injected.get(p.action());
        String code = null;
        if (q != null) {
            synchronized (q) {
                code = q.poll();
            }
        }
        if (code != null) {
            throw new IamError(code, code.equals("AccessDenied") ? 403 : code.equals("NoSuchEntity") ? 404 : 409, "injected " + code);
        }
        String name = p.get("InstanceProfileName");
        return switch (p.action()) {
            case "CreateInstanceProfile" -> create(name, p);
            case "GetInstanceProfile" -> GetInstanceProfileResponse.builder().instanceProfile(existing(name)).build();
            case "AddRoleToInstanceProfile" -> addRole(name, p.get("RoleName"));
            case "RemoveRoleFromInstanceProfile" -> removeRole(name, p.get("RoleName"));
            case "DeleteInstanceProfile" -> delete(name);
            default -> throw new IamError("InvalidAction", 400, p.action());
        };
    }

    private CreateInstanceProfileResponse create(String name, QueryParams p) {
        if (profiles.containsKey(name)) {
            throw new IamError("EntityAlreadyExists", 409, "Instance Profile " + name + " already exists.");
        }
        Map<String, String> tags = new java.util.TreeMap<>();
        for (QueryParams tag : p.structs("Tags.member")) {
            tags.put(tag.get("Key"), tag.get("Value"));
        }
        String path = p.get("Path") == null ? "/" : p.get("Path");
        InstanceProfile profile = InstanceProfile.builder().instanceProfileName(name).path(path).arn(arn(name, path))
                .instanceProfileId("AIPA" + Math.abs(name.hashCode())).createDate(Instant.now()).tags(tags(tags)).build();
        profiles.put(name, profile);
        return CreateInstanceProfileResponse.builder().instanceProfile(profile).build();
    }

    private AddRoleToInstanceProfileResponse addRole(String name, String role) {
        InstanceProfile profile = existing(name);
        if (!roles.contains(role)) {
            throw new IamError("NoSuchEntity", 404, "The role with name " + role + " cannot be found.");
        }
        if (!profile.roles().isEmpty()) {
            throw new IamError("LimitExceeded", 409, "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        }
        profiles.put(name, profile.toBuilder().roles(roleOf(role)).build());
        return AddRoleToInstanceProfileResponse.builder().build();
    }

    private RemoveRoleFromInstanceProfileResponse removeRole(String name, String role) {
        InstanceProfile profile = existing(name);
        if (profile.roles().stream().noneMatch(r -> r.roleName().equals(role))) {
            throw new IamError("NoSuchEntity", 404, "The role with name " + role + " is not in instance profile " + name + ".");
        }
        profiles.put(name, profile.toBuilder().roles(List.of()).build());
        return RemoveRoleFromInstanceProfileResponse.builder().build();
    }

    private DeleteInstanceProfileResponse delete(String name) {
        InstanceProfile profile = existing(name);
        if (!profile.roles().isEmpty()) {
            throw new IamError("DeleteConflict", 409, "Cannot delete entity, must remove roles from instance profile first.");
        }
        profiles.remove(name);
        return DeleteInstanceProfileResponse.builder().build();
    }

    private InstanceProfile existing(String name) {
        InstanceProfile profile = name == null ? null : profiles.get(name);
        if (profile == null) {
            throw new IamError("NoSuchEntity", 404, "Instance Profile " + name + " cannot be found.");
        }
        return profile;
    }

    private static Role roleOf(String name) {
        return Role.builder().roleName(name).path("/").arn("arn:aws:iam::123456789012:role/" + name).roleId("AROA" + Math.abs(name.hashCode()))
                .createDate(Instant.now()).build();
    }

    private static String arn(String name, String path) {
        return "arn:aws:iam::123456789012:instance-profile" + path + name;
    }

    private static List<Tag> tags(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }
}
