import type { Metadata } from "next";
import { AddUserButton } from "@/components/users/add-user-button";
import { UsersTable } from "@/components/users/users-table";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth";
import { listUsers } from "@/lib/data/users";
import { addUserAction, changeRoleAction, setUserDisabledAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requireRole(["SUPER_ADMIN"]);
  const users = await listUsers();
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Users"
        description="People who can sign in to the console. New users get an email with a link to set their password."
        actions={<AddUserButton action={addUserAction} />}
      />
      <Card>
        <UsersTable users={users} currentUserId={me.id} changeRole={changeRoleAction} setDisabled={setUserDisabledAction} />
      </Card>
    </>
  );
}
