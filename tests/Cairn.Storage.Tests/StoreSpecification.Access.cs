using Cairn.Core.Access;
using Cairn.Core.Errors;
using Xunit;

namespace Cairn.Storage.Tests;

public abstract partial class StoreSpecification
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<(Project Project, Principal Bob, string Hash)> ProjectWithEditorKeyAsync(Scope scopes = Scope.Read | Scope.Write, long? expiresAt = null)
    {
        var admin = await BootstrapAsync();
        var project = await Projects.CreateProjectAsync("alpha", "first", admin, Now, None);
        await Projects.SetMemberAsync(project, "bob", ProjectRole.Editor, Now, None);
        var bob = (await Keys.GetPrincipalAsync("bob", None))!;
        var hash = new string('c', 64);
        await Keys.CreateKeyAsync(new NewApiKey(project.Id, bob.Id, "ci", "cairn_bob000", hash, scopes, Now, expiresAt), None);
        return (project, bob, hash);
    }

    [Fact]
    public async Task CreateProject_Always_MakesCreatorOwner()
    {
        var admin = await BootstrapAsync();
        var project = await Projects.CreateProjectAsync("alpha", "first", admin, Now, None);
        Assert.Equal(ProjectRole.Owner, await Projects.GetRoleAsync(project.Id, admin.Id, None));
        Assert.Equal(project, await Projects.GetProjectAsync("alpha", None));
    }

    [Fact]
    public async Task CreateProject_DuplicateName_ThrowsAlreadyExists()
    {
        var admin = await BootstrapAsync();
        await Projects.CreateProjectAsync("alpha", "", admin, Now, None);
        var e = await Assert.ThrowsAsync<CairnException>(() => Projects.CreateProjectAsync("alpha", "", admin, Now, None));
        Assert.Equal(ErrorKind.AlreadyExists, e.Kind);
        Assert.Equal(2, (await Projects.ListProjectsAsync(None)).Count);
    }

    [Fact]
    public async Task SetMember_Twice_ChangesTheRoleInPlace()
    {
        var (project, bob, _) = await ProjectWithEditorKeyAsync();
        await Projects.SetMemberAsync(project, "bob", ProjectRole.Approver, Now, None);
        Assert.Equal(ProjectRole.Approver, await Projects.GetRoleAsync(project.Id, bob.Id, None));
        Assert.Equal(["admin", "bob"], (await Projects.ListMembersAsync(project, None)).Select(m => m.Principal));
    }

    [Fact]
    public async Task FindCaller_ActiveKey_ResolvesHolderProjectAndRole()
    {
        var (project, _, hash) = await ProjectWithEditorKeyAsync();
        var caller = await Keys.FindCallerAsync(hash, Now, None);
        Assert.NotNull(caller);
        Assert.Equal(("bob", "alpha", project.Id, ProjectRole.Editor, false), (caller.Principal, caller.Project, caller.ProjectId, caller.Role, caller.IsAdmin));
        Assert.Equal(Scope.Read | Scope.Write, caller.Effective);
        Assert.Equal(caller, await Keys.FindCallerByKeyIdAsync(caller.KeyId, Now, None));
    }

    [Fact]
    public async Task FindCaller_RevokedKey_IsNull()
    {
        var (project, _, hash) = await ProjectWithEditorKeyAsync();
        var id = (await Keys.FindCallerAsync(hash, Now, None))!.KeyId;
        Assert.True(await Keys.RevokeKeyAsync(project.Id, id, Now, None));
        Assert.False(await Keys.RevokeKeyAsync(project.Id, id, Now, None));
        Assert.Null(await Keys.FindCallerAsync(hash, Now, None));
        Assert.NotNull((await Keys.GetKeyAsync(project.Id, id, None))!.RevokedAt);
    }

    [Fact]
    public async Task FindCaller_ExpiredKey_IsNull()
    {
        var (_, _, hash) = await ProjectWithEditorKeyAsync(expiresAt: Now + 1000);
        Assert.NotNull(await Keys.FindCallerAsync(hash, Now, None));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Keys.FindCallerAsync(hash, Now, None));
    }

    [Fact]
    public async Task RemoveMember_Always_RevokesTheirKeysInThatProject()
    {
        var (project, _, hash) = await ProjectWithEditorKeyAsync();
        Assert.True(await Projects.RemoveMemberAsync(project, "bob", Now, None));
        Assert.Null(await Keys.FindCallerAsync(hash, Now, None));
        Assert.False(await Projects.RemoveMemberAsync(project, "bob", Now, None));
    }

    [Fact]
    public async Task RevokeKey_OfAnotherProject_ChangesNothing()
    {
        var (_, _, hash) = await ProjectWithEditorKeyAsync();
        var other = await Projects.CreateProjectAsync("beta", "", (await Keys.GetPrincipalAsync("admin", None))!, Now, None);
        var id = (await Keys.FindCallerAsync(hash, Now, None))!.KeyId;
        Assert.False(await Keys.RevokeKeyAsync(other.Id, id, Now, None));
        Assert.Null(await Keys.GetKeyAsync(other.Id, id, None));
        Assert.Empty(await Keys.ListKeysAsync(other.Id, None));
        Assert.NotNull(await Keys.FindCallerAsync(hash, Now, None));
    }

    [Fact]
    public async Task CreateKey_DuplicateSecretHash_IsRefused()
    {
        var (project, bob, hash) = await ProjectWithEditorKeyAsync();
        await Assert.ThrowsAnyAsync<Exception>(() =>
            Keys.CreateKeyAsync(new NewApiKey(project.Id, bob.Id, "dup", "cairn_dup000", hash, Scope.Read, Now, null), None));
    }

    [Fact]
    public async Task Sessions_LiveExpiredAndDeleted_ResolveAsExpected()
    {
        var (_, _, hash) = await ProjectWithEditorKeyAsync();
        var keyId = (await Keys.FindCallerAsync(hash, Now, None))!.KeyId;
        await Sessions.CreateAsync(new string('d', 64), keyId, Now, Now + 60_000, None);
        Assert.Equal(keyId, await Sessions.FindKeyIdAsync(new string('d', 64), Now, None));
        Assert.Null(await Sessions.FindKeyIdAsync(new string('d', 64), Now + 60_000, None));
        await Sessions.DeleteAsync(new string('d', 64), None);
        Assert.Null(await Sessions.FindKeyIdAsync(new string('d', 64), Now, None));
    }
}
