-- Administration (issue 14): accounts an admin made administrators, disabled or deleted (a
-- deleted account stays as a renamed tombstone so its messages keep a sender), and the audit log
-- of admin actions and security events, kept for chorus.audit.retention.

alter table account add column granted_admin boolean default false not null;

alter table account add column disabled_at timestamp(6) with time zone;

alter table account add column deleted_at timestamp(6) with time zone;

create sequence audit_entry_seq start with 1 increment by 1;

create table audit_entry (
    id bigint not null,
    at timestamp(6) with time zone not null,
    actor_id varchar(36),
    actor_username varchar(32),
    actor_display_name varchar(64),
    action varchar(64) not null,
    target varchar(200),
    detail varchar(1000),
    address varchar(64),
    primary key (id)
);

create index ix_audit_at on audit_entry (at);

create index ix_audit_actor on audit_entry (actor_id, id);

create index ix_audit_action on audit_entry (action, id);
