-- When each source became public, as registered, so that the write side can flag an account that claims an
-- event occurred after its source was published, or that rests on an undated source.
CREATE TABLE known_source_publication (
    source_id VARCHAR(255) NOT NULL PRIMARY KEY,
    basis     VARCHAR(16)  NOT NULL,
    precision VARCHAR(16)  NOT NULL,
    value     VARCHAR(64)
);
