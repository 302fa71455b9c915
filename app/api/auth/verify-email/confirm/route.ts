export { confirmEmailChange as POST } from "@/lib/auth/confirm";
