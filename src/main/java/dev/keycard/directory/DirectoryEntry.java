package dev.keycard.directory;

import java.util.Map;
import java.util.Set;

/**
 * A person as the directory has them now.
 *
 * @param id       the stable id ({@code entryUUID}, {@code objectGUID}): base64url of its bytes
 * @param dn       where the entry is; what a sign-in binds as
 * @param name     the username attribute's value: a name Keycard can hold (at most 64 characters,
 *                 no control characters), not yet in its canonical form
 * @param profile  {@code name} and {@code email}, where the directory has them
 * @param roles    {@code user}, and the roles {@code keycard.ldap.group-roles} maps the person's
 *                 groups to
 * @param disabled switched off by an administrator of the directory ({@code userAccountControl}'s
 *                 ACCOUNTDISABLE bit, {@code pwdAccountLockedTime: 000001010000Z}, {@code nsAccountLock})
 * @param locked   locked by the directory's password policy for failed binds ({@code
 *                 pwdAccountLockedTime} with a time): the directory decides at a bind when it ends
 */
public record DirectoryEntry(
        String id,
        String dn,
        String name,
        Map<String, String> profile,
        Set<String> roles,
        boolean disabled,
        boolean locked) {}
