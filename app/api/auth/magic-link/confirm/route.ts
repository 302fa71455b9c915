export { confirmMagicLink as POST } from "@/lib/auth/confirm";
