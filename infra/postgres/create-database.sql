-- Creates the role and database Parley uses on an existing PostgreSQL (13 or later).
-- Run as a superuser:  psql -v password="'choose-one'" -f infra/postgres/create-database.sql
-- Flyway creates every table on Parley's first start; the role owns them.
CREATE ROLE parley LOGIN PASSWORD :password;
CREATE DATABASE parley OWNER parley ENCODING 'UTF8' TEMPLATE template0;
