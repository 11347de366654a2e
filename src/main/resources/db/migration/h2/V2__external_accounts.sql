-- External accounts (directory sign-in over LDAP, single sign-on over OpenID Connect): where an
-- account comes from, the directory's or provider's stable id of the person, and the admin flag it
-- gave at the last sign-in. Chorus never stores their passwords, so password_hash becomes nullable,
-- and the check says a local account has a hash and an external one has a subject and no hash.
-- Existing accounts are local.

alter table account alter column password_hash set null;

alter table account add column origin enum ('LDAP','LOCAL','OIDC') default 'LOCAL' not null;

alter table account add column external_subject varchar(255);

alter table account add column external_admin boolean default false not null;

alter table account add constraint uk_account_external unique (origin, external_subject);

alter table account add constraint ck_account_origin check (
    (origin = 'LOCAL' and password_hash is not null and external_subject is null)
    or (origin <> 'LOCAL' and password_hash is null and external_subject is not null));
