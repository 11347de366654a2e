-- The schema of Chorus 0.1 exactly as Hibernate 6.6 generated it for H2 (org.hibernate.dialect.H2Dialect) with
-- hibernate.hbm2ddl.auto=update before migrations existed. Databases made by that release are
-- baselined at version 1 instead of running this (see dev.chorus.config.SchemaMigrations).

create sequence message_seq start with 1 increment by 1;

create table account (
    id varchar(36) not null,
    created_at timestamp(6) with time zone not null,
    display_name varchar(64) not null,
    password_hash varchar(200) not null,
    username varchar(32) not null,
    primary key (id),
    constraint uk_account_username unique (username)
);

create table direct_conversation (
    conversation_key varchar(80) not null,
    last_message_at timestamp(6) with time zone not null,
    last_message_id bigint not null,
    user_a varchar(36) not null,
    user_b varchar(36) not null,
    primary key (conversation_key)
);

create table message (
    id bigint not null,
    call_duration_ms bigint,
    call_media varchar(8),
    call_outcome varchar(16),
    client_message_id varchar(64),
    conversation_key varchar(80) not null,
    recipient_id varchar(36),
    sender_id varchar(36) not null,
    sent_at timestamp(6) with time zone not null,
    text varchar(8000) not null,
    primary key (id),
    constraint uk_message_client_id unique (sender_id, client_message_id)
);

create table read_marker (
    id varchar(120) not null,
    last_read_id bigint not null,
    primary key (id)
);

create table registration_invite (
    code_hash varchar(64) not null,
    created_at timestamp(6) with time zone not null,
    created_by varchar(36) not null,
    expires_at timestamp(6) with time zone not null,
    used_at timestamp(6) with time zone,
    used_by varchar(36),
    primary key (code_hash)
);

create table room (
    id varchar(36) not null,
    created_at timestamp(6) with time zone not null,
    name varchar(40) not null,
    name_key varchar(40) not null,
    owner_id varchar(36) not null,
    password_hash varchar(200),
    is_private boolean not null,
    topic varchar(200) not null,
    primary key (id),
    constraint uk_room_name unique (name_key)
);

create table room_ban (
    id varchar(80) not null,
    account_id varchar(36) not null,
    banned_at timestamp(6) with time zone not null,
    banned_by varchar(36) not null,
    reason varchar(200),
    room_id varchar(36) not null,
    primary key (id)
);

create table room_invite (
    id varchar(80) not null,
    account_id varchar(36) not null,
    invited_at timestamp(6) with time zone not null,
    invited_by varchar(36) not null,
    room_id varchar(36) not null,
    primary key (id)
);

create table room_member (
    id varchar(80) not null,
    account_id varchar(36) not null,
    joined_at timestamp(6) with time zone not null,
    role enum ('ADMIN','MEMBER','OWNER') not null,
    room_id varchar(36) not null,
    primary key (id)
);

create table session_token (
    token_hash varchar(64) not null,
    account_id varchar(36) not null,
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    revoked_at timestamp(6) with time zone,
    primary key (token_hash)
);

create index ix_dm_user_a
   on direct_conversation (user_a);

create index ix_dm_user_b
   on direct_conversation (user_b);

create index ix_message_conversation
   on message (conversation_key, id);

create index ix_room_owner
   on room (owner_id, created_at);

create index ix_room_ban_room
   on room_ban (room_id);

create index ix_room_invite_account
   on room_invite (account_id);

create index ix_room_member_room
   on room_member (room_id);

create index ix_room_member_account
   on room_member (account_id);

create index ix_session_account
   on session_token (account_id);
