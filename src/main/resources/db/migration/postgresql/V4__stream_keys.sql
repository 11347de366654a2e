-- Stream keys (issue 15): long-lived, revocable bearer secrets an encoder (OBS, GStreamer, ffmpeg)
-- uses to publish into one room by WHIP (PUBLISH), or an embedded player uses to watch it by WHEP
-- (VIEW). Only the SHA-256 of the secret is stored, as for login sessions.

create table stream_key (
    id varchar(36) not null,
    room_id varchar(36) not null,
    name varchar(40) not null,
    purpose varchar(8) not null check (purpose in ('PUBLISH','VIEW')),
    token_hash varchar(64) not null,
    created_by varchar(36) not null,
    created_at timestamp(6) with time zone not null,
    last_used_at timestamp(6) with time zone,
    revoked_at timestamp(6) with time zone,
    primary key (id),
    constraint uk_stream_key_hash unique (token_hash)
);

create index ix_stream_key_room on stream_key (room_id, created_at);
