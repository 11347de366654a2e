-- Broadcast rooms (issue 15): a room in which only its owner, its presenters and the people
-- invited on stage show, and everyone else watches. Who is on stage and whose hand is raised is
-- kept in memory, as who is in a room is.

alter table room add column broadcast boolean default false not null;

create table room_presenter (
    id varchar(80) not null,
    room_id varchar(36) not null,
    account_id varchar(36) not null,
    added_by varchar(36) not null,
    added_at timestamp(6) with time zone not null,
    primary key (id)
);

create index ix_room_presenter_room on room_presenter (room_id);
